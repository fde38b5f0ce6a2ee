class BikeController < ApplicationController
  include ApplicationHelper

  def index
    OpenTelemetry.tracer_provider.tracer("ride-sharing-app").in_span("BikeController#index") do |span|
      find_nearest_vehicle(1, "bike")
    end
    render html: "<h1>Bike ordered</h1>".html_safe
  end
end
